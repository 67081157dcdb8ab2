#!/usr/bin/env bash
# Regenerates the font the social image is drawn with: Noto Sans CJK SC Bold (SIL OFL 1.1), cut down
# to printable ASCII and the characters of the article's title and description, so a 70 KB file
# stands in for a 16 MB one. Run it after changing the title (the build warns when a glyph is
# missing). Needs Debian's fonts-noto-cjk and fonttools (pyftsubset).
set -euo pipefail
cd "$(dirname "$0")"
article=../../../src/content/article/qwen-vs-llama3.mdx
text=$(sed -n '/^---$/,/^---$/p' "$article" | grep -E '^(title|description):' | cut -d: -f2-)
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc --font-number=2 \
  --text="$text　通义千问勘误修订版，、：（）·—“”" --unicodes='U+0020-007E' \
  --layout-features='*' --no-hinting --desubroutinize \
  --output-file=NotoSansSC-Bold-subset.otf
