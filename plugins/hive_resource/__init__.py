"""hive's bundled resource plugin (资源整合): providers, the resource pool, needs and matching.

Placeholder: the plugin is being written (issue 6).
"""
