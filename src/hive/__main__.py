"""``python -m hive``: the same command line as the ``hive`` script."""

from hive.cli import main

if __name__ == "__main__":
    main()
