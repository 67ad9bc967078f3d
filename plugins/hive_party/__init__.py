"""hive's bundled party-building plugin (党建): party members, activities, compliance, coverage.

Placeholder: the plugin is being written (issue 5).
"""
