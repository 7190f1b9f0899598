"""Songs: audio a creator brings (or a track the studio made), checked by decoding, kept once
per content, and analysed — the music video's starting point."""
