from django.apps import AppConfig


class SpacecraftAppConfig(AppConfig):
    name = "spacecraft"
    verbose_name = "Spacecraft, their configurations, families and flights"
