from django.apps import AppConfig


class DashboardAppConfig(AppConfig):
    name = "dashboard"
    verbose_name = "The Starship dashboard"
