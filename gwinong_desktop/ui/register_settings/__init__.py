"""Panels for the 설정 page: program rule values per year, and the county profile."""

from .county_profile import CountyProfilePanel
from .rule_values import RuleValuesPanel

__all__ = ["CountyProfilePanel", "RuleValuesPanel"]
