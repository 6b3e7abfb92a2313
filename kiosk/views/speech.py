"""Read-aloud from the server, for when the browser has no voice for the language."""
from flask import Blueprint, Response, abort, request

from .. import speech
from ..config import LANGUAGES

bp = Blueprint("speech", __name__)


@bp.post("/tale")
def speak():
    """WAV audio of the posted screen text, made in memory and never stored."""
    lang = request.form.get("lang", "")
    text = request.form.get("text", "").strip()
    if lang not in LANGUAGES or not text:
        abort(400)
    wav = speech.synthesize(text, lang)
    if wav is None:
        abort(404)
    return Response(wav, mimetype="audio/wav")
