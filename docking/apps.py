from django.apps import AppConfig


class DockingAppConfig(AppConfig):
    name = "docking"
    verbose_name = "Space stations, payloads and docking events"
