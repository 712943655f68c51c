"""The 점검·사진 page: inspections, findings to their 조치결과, planned visits, photos."""
