#!/usr/bin/env bash
# Regenerates the small test media under examples/media/ with Debian's ffmpeg:
#   clip.mp4                 6 s, 480x270, H.264 + AAC, ~350 kbit/s, moov first (progressive playback)
#   hls/master.m3u8          8 s, three renditions at constant bitrate (nal-hrd=cbr keeps segment
#   hls/{240p,360p,540p}/    sizes true to the advertised BANDWIDTH), 2 s segments, keyframe every 2 s
# Segments are named .m2ts (MPEG-TS all the same): the repo's tsconfig includes examples/**, and
# TypeScript would try to compile *.ts segments. Tests and the reference server only read the committed files; nothing runs ffmpeg at test time.
set -euo pipefail
cd "$(dirname "$0")"
SRC=(-f lavfi -i "testsrc2=size=960x540:rate=24" -f lavfi -i "sine=frequency=440:sample_rate=48000")
COMMON=(-c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g 48 -keyint_min 48 -sc_threshold 0 -c:a aac -ac 2 -b:a 64k -ar 48000)

ffmpeg -v error -y "${SRC[@]}" -t 6 -vf scale=480:270 "${COMMON[@]}" -b:v 300k -maxrate 300k -bufsize 300k \
  -movflags +faststart clip.mp4

rm -rf hls && mkdir -p hls
master="#EXTM3U
#EXT-X-VERSION:3"
for spec in 240p:426x240:150 360p:640x360:350 540p:960x540:650; do
  IFS=: read -r name size kbps <<<"$spec"
  mkdir -p "hls/$name"
  ffmpeg -v error -y "${SRC[@]}" -t 8 -vf "scale=${size/x/:}" "${COMMON[@]}" \
    -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "$((kbps / 2))k" -x264-params nal-hrd=cbr:force-cfr=1 \
    -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename "hls/$name/seg_%03d.m2ts" "hls/$name/index.m3u8"
  # BANDWIDTH is the peak segment bitrate, as the HLS spec asks (TS overhead and audio included).
  peak=$(stat -c %s "hls/$name"/seg_*.m2ts | sort -n | tail -1)
  master+="
#EXT-X-STREAM-INF:BANDWIDTH=$((peak * 8 / 2)),RESOLUTION=$size,CODECS=\"avc1.4d401f,mp4a.40.2\"
$name/index.m3u8"
done
printf '%s\n' "$master" > hls/master.m3u8
du -ch clip.mp4 hls | tail -1
