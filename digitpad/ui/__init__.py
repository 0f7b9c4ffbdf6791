"""All Qt code: the window and its widgets. Only this sub-package imports Qt."""
