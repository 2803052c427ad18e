"""The shapes that only the agency endpoint serves at its top level.

They sit a layer above the embedded shapes: an agency's detailed shape lists the launcher and
spacecraft configurations it makes, whose shapes embed agencies in turn.
"""

from launches.serializers.launchers import LauncherConfigDetailedSerializerNoManufacturer
from lldapi.api.fields import Constant
from spacecraft.serializers.configurations import SpacecraftConfigDetailed

from .agencies import AgencyDetailed


class AgencyEndpointDetailed(AgencyDetailed):
    response_mode = Constant("detailed")
    launcher_list = LauncherConfigDetailedSerializerNoManufacturer(many=True)
    spacecraft_list = SpacecraftConfigDetailed(many=True)

    class Meta(AgencyDetailed.Meta):
        fields = AgencyDetailed.Meta.fields + ["launcher_list", "spacecraft_list"]
