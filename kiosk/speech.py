"""Server-side read-aloud with espeak-ng, for languages the browser has no voice for.

The text goes to espeak-ng on stdin and the sound comes back on stdout: nothing is
written to disk, and nothing is logged.
"""
import functools
import shutil
import struct
import subprocess

MAX_CHARS = 4000
# espeak-ng voice to use for each kiosk language.
VOICES = {"da": "da", "en": "en-gb", "ar": "ar", "uk": "uk", "pl": "pl", "ro": "ro", "tr": "tr", "kl": "kl"}


@functools.cache
def installed_voices():
    exe = shutil.which("espeak-ng")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, "--voices"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.split()[1] for line in out.splitlines()[1:] if len(line.split()) > 1)


def has_voice(lang):
    return VOICES.get(lang) in installed_voices()


def _fix_wav_sizes(wav):
    # espeak-ng writing to a pipe cannot seek back, so it leaves placeholder sizes in the header.
    if len(wav) < 44 or wav[:4] != b"RIFF" or wav[36:40] != b"data":
        return wav
    return wav[:4] + struct.pack("<I", len(wav) - 8) + wav[8:40] + struct.pack("<I", len(wav) - 44) + wav[44:]


def synthesize(text, lang):
    """WAV bytes for `text`, or None when there is no voice for `lang`."""
    if not has_voice(lang):
        return None
    text = text[:MAX_CHARS]
    result = subprocess.run(["espeak-ng", "-v", VOICES[lang], "--stdout", "-s", "150"],
                            input=text.encode("utf-8"), capture_output=True, timeout=30)
    if result.returncode != 0 or not result.stdout:
        return None
    return _fix_wav_sizes(result.stdout)
