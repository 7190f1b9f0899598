"""P-frames written by hand: the picture before them repeated as it is, or scaled toward
or away from black (H.264 explicit weighted prediction), for the still picture and fades.

x264 spends ~5 ms analysing each frame of a still picture only to code every macroblock as
"skipped", and ~20 ms coding each frame of a fade. Written directly, a repeated picture is
a slice header and one number (`mb_skip_run` = every macroblock), about 12 bytes, at no
cost. A fading frame is the same with a weight and an offset in its header that scale a
reference picture (Y' = Y*w/2^d + o). The reference is kept as a long-term reference while
the frames scale it, so each frame is one rounding away from it, never a chain of them.

Only what our pinned x264 settings produce is supported (CAVLC, picture order type 2, two
reference frames, progressive frames, weighted P prediction on): `Headers.parse` checks
each of these and raises MediaError rather than write a stream a decoder would misread.
"""

from dataclasses import dataclass
from functools import cache

from app.media.ffmpeg import MediaError
from app.media.render.h264 import BitReader, BitWriter, escape, unescape

P_SLICE = 5  # slice_type 5: P, and every slice of the picture is P
P_NAL = 0x41  # nal_ref_idc 2 (a reference picture, as every frame of a stream with POC type 2), type 1
START = b"\x00\x00\x00\x01"


@dataclass(frozen=True)
class Headers:
    """What a slice header needs to know from the stream's SPS and PPS."""

    pps_id: int
    frame_num_bits: int
    macroblocks: int
    deblocking_control: bool

    @staticmethod
    def parse(sps: bytes, pps: bytes) -> "Headers":
        """From the SPS and PPS NAL units (header byte first, start code removed)."""
        s = BitReader(unescape(sps[1:]))
        profile = s.u(8)
        s.u(16)  # constraint flags, level
        s.ue()  # seq_parameter_set_id
        if profile in (100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135):
            if s.ue() == 3:  # chroma_format_idc
                s.u(1)
            s.ue(), s.ue(), s.u(1)  # bit depths, transform bypass
            _require(s.u(1) == 0, "scaling matrices")
        frame_num_bits = s.ue() + 4
        _require(s.ue() == 2, "a picture order type other than 2")
        _require(s.ue() >= 2, "fewer than two reference frames")
        s.u(1)  # gaps_in_frame_num_allowed_flag
        width, height = s.ue() + 1, s.ue() + 1
        _require(s.u(1) == 1, "interlaced coding")

        p = BitReader(unescape(pps[1:]))
        pps_id = p.ue()
        p.ue()  # seq_parameter_set_id
        _require(p.u(1) == 0, "CABAC")
        p.u(1)  # bottom_field_pic_order_in_frame_present_flag
        _require(p.ue() == 0, "slice groups")
        p.ue(), p.ue()  # default active references: each slice states its own
        _require(p.u(1) == 1, "weighted prediction switched off")
        p.u(2), p.se(), p.se(), p.se()  # weighted_bipred_idc, pic_init_qp/qs, chroma_qp_index_offset
        return Headers(pps_id, frame_num_bits, width * height, bool(p.u(1)))

    def repeats(self, first: int, count: int) -> list[bytes]:
        """`count` P-frames repeating the previous picture, the first with frame number
        `first` (its distance from the keyframe)."""
        return [_slice(self, self._frame_num(first + i)) for i in range(count)]

    def scaled(self, first: int, levels: list[float], *, after_keyframe: bool) -> list[bytes]:
        """P-frames showing the picture before them (the reference) scaled toward black:
        frame i at `levels[i]` of the reference's distance from black (below 1 darker,
        up to 1.98 brighter), the first with frame number `first`. The reference becomes
        long-term, so each frame is one rounding away from it. `after_keyframe` when the
        reference is the keyframe itself (the reference buffer then holds nothing else)."""
        frames = []
        for i, level in enumerate(levels):
            if i == 0:
                # The reference becomes long-term reference 0 (the other short-term one, if
                # any, is dropped to stay within two references).
                marking = ((4, 1), (3, 0, 0)) if after_keyframe else ((1, 1), (4, 1), (3, 0, 0))
                frames.append(_slice(self, self._frame_num(first), _weights(level), marking=marking))
            else:
                frame_num = self._frame_num(first + i)
                frames.append(_slice(self, frame_num, _weights(level), long_term_reference=True))
        return frames

    def _frame_num(self, distance: int) -> int:
        return distance % (1 << self.frame_num_bits)


@cache
def _slice(
    h: Headers, frame_num: int, weights: tuple[int, int, int, int, int] | None = None, *,
    long_term_reference: bool = False, marking: tuple[tuple[int, ...], ...] = (),
) -> bytes:
    """One P slice covering the picture, every macroblock skipped, as an Annex B NAL unit.
    `marking`: memory management operations ((operation, arguments...), ...); without
    them the sliding window drops the oldest short-term reference."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(P_SLICE)
    w.ue(h.pps_id)
    w.u(h.frame_num_bits, frame_num)
    w.u(1, 1)  # num_ref_idx_active_override_flag: one reference is enough
    w.ue(0)
    w.u(1, int(long_term_reference))  # ref_pic_list_modification_flag_l0
    if long_term_reference:
        w.ue(2)  # modification_of_pic_nums_idc: a long-term picture first...
        w.ue(0)  # ...long_term_pic_num 0
        w.ue(3)  # end of modifications
    if weights is None:  # default weights: an exact copy
        w.ue(7)  # pred_weight_table: luma and chroma denominators (unused)...
        w.ue(7)
        w.u(1, 0)  # ...and no weights for luma or chroma
        w.u(1, 0)
    else:
        denom, luma, luma_offset, chroma, chroma_offset = weights
        w.ue(denom)
        w.ue(denom)
        w.u(1, 1)
        w.se(luma)
        w.se(luma_offset)
        w.u(1, 1)
        for _ in ("Cb", "Cr"):
            w.se(chroma)
            w.se(chroma_offset)
    w.u(1, int(bool(marking)))  # adaptive_ref_pic_marking_mode_flag
    for operation in marking:
        for value in operation:
            w.ue(value)
    if marking:
        w.ue(0)  # end of operations
    w.se(0)  # slice_qp_delta
    if h.deblocking_control:
        w.ue(1)  # no deblocking: a copied picture has no block edges to smooth
    w.ue(h.macroblocks)  # mb_skip_run: every macroblock is skipped
    return START + bytes([P_NAL]) + escape(w.rbsp())


def _weights(level: float) -> tuple[int, int, int, int, int]:
    """(denominator, luma weight, luma offset, chroma weight, chroma offset) that scale a
    picture's distance from black by `level`. In limited range black is Y=16, Cb=Cr=128:
    Y' = 16 + level*(Y-16) = Y*w/2^d + o. Weights stop at 127, so brightening uses 1/64ths."""
    denom = 7 if level <= 127 / 128 else 6
    unit = 1 << denom
    w = round(level * unit)
    if w > 127:
        raise MediaError(f"cannot brighten a picture {level:.2f}-fold with weighted prediction")
    if w == 0:
        # The chroma offset stops at 127, so black's chroma is written as (C*1 + 64)/128 +
        # 127, which is 128 for every colour a picture really has.
        return denom, 0, 16, 1, 127
    return denom, w, round(16 * (1 - w / unit)), w, max(-128, min(127, round(128 * (1 - w / unit))))


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise MediaError(f"the H.264 headers use {what}; repeated frames can't be written for them")
