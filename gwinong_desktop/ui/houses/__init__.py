"""The 귀농인의 집 page: the house table model, the list page and the detail pane."""
