#!/usr/bin/env python3
"""Makes a PowerBrain firmware package: the line PBPKG1, one line of manifest JSON
({"version", "nanoFramework", "files": [{"name", "size", "sha256"}]}), then the files in that order.
Usage: package.py OUT VERSION NANOFRAMEWORK FILE.pe...   (README: "Firmware packages")."""
import hashlib
import json
import os
import sys

out, version, nano, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if not files or any(not f.endswith('.pe') for f in files):
    sys.exit('package.py: give the .pe files of the application')
blobs = [open(f, 'rb').read() for f in files]
manifest = {'version': version, 'nanoFramework': nano,
            'files': [{'name': os.path.basename(f), 'size': len(b), 'sha256': hashlib.sha256(b).hexdigest()} for f, b in zip(files, blobs)]}
with open(out, 'wb') as o:
    o.write(b'PBPKG1\n')
    o.write(json.dumps(manifest, separators=(',', ':')).encode() + b'\n')
    for b in blobs:
        o.write(b)
print('package: %s, version %s, %d files, %d bytes' % (out, version, len(files), os.path.getsize(out)))
