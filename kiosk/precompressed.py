"""Static files, sent as the gzip or brotli copy that set-up made when the browser accepts it.

scripts/compress_static.py writes `name.gz` and `name.br` beside each text file. This view
takes the place of Flask's own static view, so the response still passes every after_request
hook (the security headers). A copy older than its original is stale and never sent.
"""
import mimetypes
import os

from flask import abort, current_app, request, send_file
from werkzeug.security import safe_join

# Best first. Chromium offers br only over HTTPS; on the kiosk's loopback HTTP, gzip is used.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def register(app):
    app.view_functions["static"] = static_file


def static_file(filename):
    path = safe_join(current_app.static_folder, filename)
    if path is None or not os.path.isfile(path):
        abort(404)
    max_age = current_app.get_send_file_max_age(filename)
    copies = [(encoding, path + suffix) for encoding, suffix in ENCODINGS if is_fresh(path + suffix, path)]
    for encoding, copy in copies:
        if request.accept_encodings[encoding] > 0:
            mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
            response = send_file(copy, mimetype=mimetype, max_age=max_age, download_name=os.path.basename(path))
            response.headers["Content-Encoding"] = encoding
            break
    else:
        response = send_file(path, max_age=max_age)
    if copies:
        # A cache between browser and kiosk must keep the encodings apart.
        response.vary.add("Accept-Encoding")
    return response


def is_fresh(copy, original):
    try:
        return os.stat(copy).st_mtime_ns >= os.stat(original).st_mtime_ns
    except FileNotFoundError:
        return False
