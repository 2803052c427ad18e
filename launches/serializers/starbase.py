from launches import models
from lldapi.api.serializers import id_and_name

NoticeType = id_and_name(models.NoticeType)
RoadClosureStatus = id_and_name(models.RoadClosureStatus)
