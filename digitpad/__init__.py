"""digitpad: recognise handwritten digits, drawn or photographed.

``recognize(image)`` is the whole API for one digit; importing this package stays light
(no TensorFlow, no Qt, and the model is loaded on first use).
"""

from digitpad.imaging import ImageError
from digitpad.recognizer import Recognition, Recognizer, read_digits, recognize
from digitpad.runtime import ModelError

__version__ = "1.0.0"
__all__ = ["ImageError", "ModelError", "Recognition", "Recognizer", "read_digits", "recognize", "__version__"]
