"""Administrative geography from the vietnamadminunits data (real lookups)."""

import pytest

from notice_extract import geography as g


def test_district_before_2025():
    u = g.resolve("Tân Yên", "huyện", date="2019-04-11")
    assert (u.level, u.name, u.province, u.code) == ("huyện", "Tân Yên", "Bắc Giang", "216")


def test_commune_before_2025_has_its_district():
    u = g.resolve("Liên Chung", "xã", date="2019-04-11")
    assert (u.name, u.district, u.province) == ("Liên Chung", "Tân Yên", "Bắc Giang")
    assert u.code == "07357"


def test_former_commune_merged_before_2025():
    # xã Lan Giới was merged into xã Quang Trung: known by the package's alias,
    # placed in its district, without a code of its own
    u = g.resolve("Lan Giới", "xã", date="2019-04-11")
    assert (u.name, u.district, u.province, u.code) == ("Lan Giới", "Tân Yên", "Bắc Giang", None)


def test_commune_after_2025_is_in_the_new_province():
    old = g.resolve("Công Hải", "xã", date="2020-01-01")
    new = g.resolve("Công Hải", "xã", date="2026-01-01")
    assert (old.district, old.province) == ("Thuận Bắc", "Ninh Thuận")
    assert (new.district, new.province) == (None, "Khánh Hòa")


def test_no_date_and_vintages_disagree_gives_no_province():
    u = g.resolve("Công Hải", "xã")
    assert u.province is None and u.code is None
    assert g.resolve("Công Hải", "xã", context=[("tỉnh", "Khánh Hòa")]).province == "Khánh Hòa"


def test_district_named_after_2025_lies_in_its_2025_province():
    u = g.resolve("Tân Yên", "huyện", date="2026-01-01")
    assert u.province == "Bắc Ninh"  # Bắc Giang merged into Bắc Ninh


def test_province_and_central_city():
    assert g.resolve("Lâm Đồng", "tỉnh", date="2025-10-01").code == "68"
    hn = g.resolve("Hà Nội", "thành phố")
    assert (hn.level, hn.province, hn.code) == ("thành phố", "Hà Nội", "01")
    assert g.is_central_city("Hà Nội") and g.is_central_city("Cần Thơ")
    assert not g.is_central_city("Bắc Giang")


def test_ambiguous_district_needs_another_named_unit():
    u = g.resolve("Bảo Lâm", "huyện", date="2023-08-09")
    assert u.name == "Bảo Lâm" and u.province is None and u.code is None
    assert g.resolve("Bảo Lâm", "huyện", date="2023-08-09", context=[("xã", "Lộc Quảng")]).province == "Lâm Đồng"
    assert g.resolve("Bảo Lâm", "huyện", date="2023-08-09", context=[("tỉnh", "Cao Bằng")]).province == "Cao Bằng"
    # naming itself does not disambiguate; naming both provinces does not either
    assert g.resolve("Bảo Lâm", "huyện", date="2023-08-09", context=[("huyện", "Bảo Lâm")]).province is None
    both = [("tỉnh", "Cao Bằng"), ("tỉnh", "Lâm Đồng")]
    assert g.resolve("Bảo Lâm", "huyện", date="2023-08-09", context=both).province is None


@pytest.mark.parametrize("name", ["Khánh Hòa", "Khánh Hoà", "KHÁNH HÒA", "khánh hoà", "Khánh  Hòa"])
def test_tone_placement_case_and_spaces(name):
    assert g.resolve(name, "tỉnh", date="2024-01-01").name == "Khánh Hòa"


@pytest.mark.parametrize("level", ["Huyện", "HUYỆN", "huyện"])
def test_level_word_any_case(level):
    assert g.resolve("Quế Sơn", level, date="2019-01-01").province == "Quảng Nam"


def test_wrong_level_or_unknown_name_is_none():
    assert g.resolve("Tân Yên", "tỉnh", date="2019-01-01") is None
    assert g.resolve("Không Có Nơi Này", "xã", date="2019-01-01") is None


def test_named_units_in_text():
    text = "UBND HUYỆN TÂN YÊN\nĐảng ủy, UBND xã Lan Giới tập trung chỉ đạo; Huyện ủy Tân Yên Báo cáo"
    assert g.named_units(text) == [("huyện", "TÂN YÊN"), ("xã", "Lan Giới"), ("huyện", "Tân Yên")]


def test_lookup_is_microseconds():
    import time

    g.resolve("Tân Yên", "huyện", date="2019-04-11")  # load once
    t = time.perf_counter()
    for _ in range(2000):
        g.resolve("Tân Yên", "huyện", date="2019-04-11")
    assert (time.perf_counter() - t) / 2000 < 200e-6


def test_party_unit_of_a_value():
    assert g.party_unit("UBND xã Lan Giới, huyện Tân Yên") == ("xã", "Lan Giới")
    assert g.party_unit("Huyện ủy Tân Yên") == ("huyện", "Tân Yên")
    assert g.party_unit("UBND tỉnh Lâm Đồng") == ("tỉnh", "Lâm Đồng")
    assert g.party_unit("UBND xã") is None  # anaphora is not resolved
    assert g.party_unit("các xã Lan Giới, Liên Chung") is None  # several units
    assert g.party_unit("Phó Chủ tịch UBND tỉnh Võ Phiên") is None  # a person, no unit


def test_pipeline_fills_admin_unit_of_parties():
    from pathlib import Path

    from notice_extract import extract_file

    rec = extract_file(Path(__file__).parent.parent / "samples" / "002_765b2f3007ea3c3e.txt")
    parties = list(g._parties(rec))
    units = {p.value: p.admin_unit for p in parties if p.admin_unit}
    u = units["Chủ tịch UBND xã Liên Chung"]
    assert (u.level, u.name, u.district, u.province, u.code) == ("xã", "Liên Chung", "Tân Yên", "Bắc Giang", "07357")
    # a party that names no unit has none
    assert all(p.admin_unit is None for p in parties if "Liên Chung" not in p.value)


def test_pipeline_admin_unit_in_the_post_2025_geography():
    from notice_extract.pipeline import extract_text

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nSố: 12/TB-UBND\n\nKhánh Hòa, ngày 10 tháng 9 năm 2025\n\n"
        "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\nII. Yêu cầu\n\n"
        "1. UBND xã Công Hải khẩn trương hoàn thành trước ngày 30/9/2025.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n"
    )
    rec = extract_text(text)
    found = [p.admin_unit for p in g._parties(rec) if p.value == "UBND xã Công Hải"]
    assert found, [p.value for p in g._parties(rec)]
    u = found[0]
    assert (u.level, u.name, u.district, u.province, u.code) == ("xã", "Công Hải", None, "Khánh Hòa", "22840")
