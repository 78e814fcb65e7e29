complete -c if-ndi-view -l source -d 'Source to connect to: its NDI name (`NAME`, or the full `HOST (NAME)`), or its address `IP:PORT` to connect directly, without discovery' -r
complete -c if-ndi-view -l extra-ips -d 'Where else to look for sources (NDI extra IPs, comma-separated)' -r
complete -c if-ndi-view -l discovery -d 'NDI discovery server(s) to look for sources at (`HOST[:PORT]`, comma-separated)' -r
complete -c if-ndi-view -l trust -d 'Keys trusted to sign frames; without, frames are checked against the key they carry' -r -F
complete -c if-ndi-view -l key -d 'Key that signs the viewer\'s events' -r -F
complete -c if-ndi-view -l every -d 'Report every Nth verified frame (anomalies are always reported)' -r
complete -c if-ndi-view -l seconds -d 'Stop after this many seconds' -r
complete -c if-ndi-view -l snapshot -d 'Write the last frame, with the provenance overlay, to this PNG on exit' -r -F
complete -c if-ndi-view -l http -d 'Serve a live web view of the stream and its provenance at ADDR (`PORT` or `IP:PORT`; the IP defaults to 127.0.0.1): a page at `/`, `/frame.png`, `/status.json` and `/stream`' -r
complete -c if-ndi-view -l on-audit-loss -d 'When the event stream (stdout) fails: stop viewing and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-ndi-view -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-ndi-view -s V -l version -d 'Print version'
