"""FieldLedger core: storage, domain rules and operations, free of any Qt import.

Everything a user can do is an operation here, callable from the GUI's database worker, from the
command line and from tests alike.
"""
