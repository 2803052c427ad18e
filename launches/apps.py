from django.apps import AppConfig


class LaunchesAppConfig(AppConfig):
    name = "launches"
    verbose_name = "Launches, rockets, places, programs, landings and astronauts"
