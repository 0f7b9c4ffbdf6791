"""digitpad: recognise handwritten digits, drawn or photographed.

``recognize(image)`` reads one digit, ``recognize_many(images)`` many at once (batched),
``read_digits(image)`` every digit of a number or a page; importing this package stays light
(no TensorFlow, no Qt, and the model is loaded on first use).
"""

from digitpad.imaging import ImageError
from digitpad.recognizer import Recognition, Recognizer, read_digits, recognize, recognize_many
from digitpad.runtime import ModelError

__version__ = "1.0.0"
__all__ = ["ImageError", "ModelError", "Recognition", "Recognizer", "read_digits", "recognize",
           "recognize_many", "__version__"]
