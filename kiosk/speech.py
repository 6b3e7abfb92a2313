"""Server-side read-aloud with espeak-ng, for languages the browser has no voice for.

The text goes to espeak-ng on stdin and the sound comes back on stdout: nothing is
written to disk, and nothing is logged.
"""
import functools
import os
import shutil
import signal
import struct
import subprocess

MAX_CHARS = 4000
# espeak-ng makes MAX_CHARS of speech in well under a second; a voice that takes longer is hung,
# and it holds a server thread while it runs. Then the button says there is no voice.
TIMEOUT_SECONDS = 5
# espeak-ng voice for each kiosk language (kiosk/config.py LANGUAGES). A language added there
# needs its voice here, or read-aloud falls back to the browser's voice alone.
VOICES = {"da": "da", "en": "en-gb", "ar": "ar", "pl": "pl", "ro": "ro", "uk": "uk", "tr": "tr", "kl": "kl"}


@functools.cache
def installed_voices():
    exe = shutil.which("espeak-ng")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, "--voices"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS).stdout
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
    """WAV bytes for `text`, or None when there is no voice for `lang` (or espeak-ng is gone or hung)."""
    if not has_voice(lang):
        return None
    exe = shutil.which("espeak-ng")
    if exe is None:
        # Removed while the kiosk runs: forget the cached voice list, so pages stop offering it.
        installed_voices.cache_clear()
        return None
    wav = _run_bounded([exe, "-v", VOICES[lang], "--stdout", "-s", "150"], text[:MAX_CHARS].encode("utf-8"))
    return _fix_wav_sizes(wav) if wav else None


def _run_bounded(args, data):
    """stdout of a successful run, or None. On timeout the whole process group is killed: a
    wrapper script's child would otherwise keep the pipe open and the wait would go on."""
    try:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None
    try:
        out, _ = proc.communicate(data, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):  # POSIX; on Windows there is no process group to end
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.kill()
        proc.communicate()
        return None
    return out if proc.returncode == 0 else None
