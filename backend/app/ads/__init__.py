"""Ads and promos from a brief: the brief and its vision chat, mood boards (three style
directions), and the ad plan that hands a ready `kind="ad"` video to the video pipeline."""
