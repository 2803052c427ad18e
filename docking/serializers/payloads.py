from agencies.serializers.agencies import AgencyDetailed, AgencyMini, AgencyNormal
from agencies.serializers.images import Image
from docking import models
from launches.serializers.launches import LaunchMini, LaunchNormal, ProgramMini, ProgramNormal
from launches.serializers.places import Landing
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

PayloadType = id_and_name(models.PayloadType)


class PayloadMini(RecordSerializer):
    response_mode = Constant("list")
    type = PayloadType()
    manufacturer = AgencyMini()
    operator = AgencyMini()
    image = Image()

    class Meta:
        model = models.Payload
        fields = ["response_mode", "id", "name", "type", "manufacturer", "operator", "image"]


class PayloadNormal(PayloadMini):
    response_mode = Constant("normal")
    manufacturer = AgencyNormal()
    operator = AgencyNormal()
    program = ProgramMini(many=True)

    class Meta(PayloadMini.Meta):
        fields = PayloadMini.Meta.fields + ["wiki_link", "info_link", "program", "cost", "mass", "description"]


class PayloadDetailed(PayloadNormal):
    response_mode = Constant("detailed")
    manufacturer = AgencyDetailed()
    operator = AgencyDetailed()
    program = ProgramNormal(many=True)


class PayloadFlightMini(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("payloadflight")
    payload = PayloadMini()
    launch = LaunchMini()
    landing = Landing()

    class Meta:
        model = models.PayloadFlight
        fields = ["response_mode", "id", "url", "destination", "amount", "payload", "launch", "landing"]


class PayloadFlightNormal(PayloadFlightMini):
    response_mode = Constant("normal")
    payload = PayloadNormal()
    launch = LaunchNormal()
