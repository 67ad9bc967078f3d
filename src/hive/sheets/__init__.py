"""Spreadsheets in and out for every declared record type: ``hive sheet types|export|template|import``.

Built on the record layer's declarations only (:mod:`hive.fields`), so a
plugin's record types get the same import, export and template as the
core's, with no code of their own:

* :mod:`hive.sheets.columns`: which fields a sheet has, how a header names
  one (its name, or its label in English or Chinese), a value as a cell and
  a cell as typed text;
* :mod:`hive.sheets.reading`: what people really have (``.xlsx``, CSV in
  UTF-8 with or without BOM, GBK/GB18030, UTF-16), detected from the bytes;
* :mod:`hive.sheets.writing`: exports and templates (``.xlsx`` and CSV),
  every text cell neutralized against formula injection (:mod:`hive.cells`);
* :mod:`hive.sheets.importing`: all rows or none, every problem by sheet,
  row and column, rows already in the center skipped.

openpyxl is imported only inside these modules' functions: ``hive --help``
never loads it.
"""
