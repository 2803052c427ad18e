from django.apps import AppConfig


class SpacecraftAppConfig(AppConfig):
    name = "spacecraft"
    verbose_name = "Spacecraft, flights and what they embed"
