"""Read-aloud on the server: espeak-ng from memory to memory."""
import struct

import pytest

from kiosk import speech


def test_danish_speech_is_a_wav_with_true_sizes():
    if not speech.has_voice("da"):
        pytest.fail("espeak-ng with a Danish voice is missing: run `make setup-test`")
    wav = speech.synthesize("Goddag. Æbler, øl og å.", "da")
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert struct.unpack("<I", wav[4:8])[0] == len(wav) - 8
    assert struct.unpack("<I", wav[40:44])[0] == len(wav) - 44
    assert len(wav) > 20000


def test_a_language_without_a_voice_says_so():
    assert not speech.has_voice("so")
    assert speech.synthesize("Salaan", "so") is None
