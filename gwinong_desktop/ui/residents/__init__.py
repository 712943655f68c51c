"""The 입주자 page and its parts: stays, residents, recruitment and selection."""
