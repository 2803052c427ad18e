"""What a calendar (`?format=ics`, `lldapi.api.calendars`) shows of launches and events."""

from lldapi.api.calendars import Calendar, Entry


def launch_entry(launch):
    """From the launch window (its NET where it has none), at its pad; the status and what LL2 says of
    the launch, line by line."""
    start = launch.window_start or launch.net
    if start is None:
        return None
    pad = launch.pad
    location = ", ".join(part for part in (pad and pad.name, pad and pad.location and pad.location.name) if part)
    lines = [
        f"Status: {launch.status.name}" if launch.status else None,
        f"Provider: {launch.launch_service_provider.name}" if launch.launch_service_provider else None,
        f"NET: {launch.net.isoformat()}" if launch.net else None,
        f"Probability: {launch.probability}%" if launch.probability is not None else None,
        "Webcast live" if launch.webcast_live else None,
    ]
    return Entry(start, launch.window_end, launch.name or "", location or None, [line for line in lines if line])


def event_entry(event):
    """At its date, for its duration; its type and description."""
    if event.date is None:
        return None
    end = event.date + event.duration if event.duration else event.date
    lines = [f"Type: {event.type.name}" if event.type else None, event.description or None]
    return Entry(event.date, end, event.name or "", event.location or None, [line for line in lines if line])


LAUNCH_CALENDAR = Calendar(("status", "launch_service_provider", "pad__location"), launch_entry)
EVENT_CALENDAR = Calendar(("type",), event_entry)
