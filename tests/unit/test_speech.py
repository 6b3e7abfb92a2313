"""Read-aloud on the server: espeak-ng from memory to memory, and kind when espeak-ng is not."""
import struct
import time

import pytest

from kiosk import config, speech


@pytest.fixture
def fresh_voices():
    """The voice list is cached per process; each test here sees its own PATH."""
    speech.installed_voices.cache_clear()
    yield
    speech.installed_voices.cache_clear()


def fake_espeak(folder, voices, speaking):
    """An espeak-ng that lists `voices` and runs `speaking` (shell) when asked to speak."""
    listing = "Pty Language       Age/Gender VoiceName          File                 Other Languages\\n"
    listing += "".join(f" 5  {v:<15} --/M      {v:<18} gmw/{v}\\n" for v in voices)
    script = folder / "espeak-ng"
    script.write_text(f'#!/bin/sh\nif [ "$1" = "--voices" ]; then printf "{listing}"; exit 0; fi\n{speaking}\n')
    script.chmod(0o755)
    return script


def test_danish_speech_is_a_wav_with_true_sizes(fresh_voices):
    if not speech.has_voice("da"):
        pytest.fail("espeak-ng with a Danish voice is missing: run `make setup-test`")
    wav = speech.synthesize("Goddag. Æbler, øl og å.", "da")
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert struct.unpack("<I", wav[4:8])[0] == len(wav) - 8
    assert struct.unpack("<I", wav[40:44])[0] == len(wav) - 44
    assert len(wav) > 20000


def test_a_language_espeak_ng_has_no_voice_for_says_so(tmp_path, monkeypatch, fresh_voices):
    """espeak-ng here has Danish but no English voice: English has none, Danish still speaks."""
    fake_espeak(tmp_path, ["da"], "cat > /dev/null; printf 'RIFF----WAVEfmt '")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    assert speech.has_voice("da")  # the control: the fake's list is read
    assert not speech.has_voice("en")
    assert speech.synthesize("Hello", "en") is None
    assert speech.synthesize("Goddag", "da").startswith(b"RIFF")


def test_every_voice_is_for_a_kiosk_language_and_back():
    """No voice for a language the kiosk does not offer (dead configuration), and none missing."""
    assert set(speech.VOICES) == set(config.LANGUAGES)


def test_espeak_ng_removed_while_running_gives_no_voice(tmp_path, monkeypatch, fresh_voices):
    fake_espeak(tmp_path, ["da"], "cat > /dev/null; printf 'RIFF----WAVEfmt '")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    assert speech.has_voice("da")
    (tmp_path / "espeak-ng").unlink()
    monkeypatch.setenv("PATH", str(tmp_path))
    assert speech.synthesize("Goddag", "da") is None
    assert not speech.has_voice("da")  # and the next page no longer offers the server voice


def test_a_hung_espeak_ng_gives_no_voice_after_a_short_time(tmp_path, monkeypatch, fresh_voices):
    # Not `exec sleep`: the sleeping child keeps the pipe open, as a hung voice's helper would.
    fake_espeak(tmp_path, ["da"], "sleep 60")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    assert speech.TIMEOUT_SECONDS <= 5
    started = time.monotonic()
    assert speech.synthesize("Goddag", "da") is None
    assert time.monotonic() - started < speech.TIMEOUT_SECONDS + 2
