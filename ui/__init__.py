"""FieldLedger's Qt GUI: thin widgets, item models and dialogs over the Qt-free core in models/."""
