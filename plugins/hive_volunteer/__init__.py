"""hive's bundled volunteer plugin (志愿者): volunteers, teams, service hours, star levels, certificates.

Placeholder: the plugin is being written (issue 4).
"""
