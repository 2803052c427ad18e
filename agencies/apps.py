from django.apps import AppConfig


class AgenciesAppConfig(AppConfig):
    name = "agencies"
    verbose_name = "Agencies, countries, images and the lookups every resource embeds"
