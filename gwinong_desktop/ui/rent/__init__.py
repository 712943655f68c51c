"""The 임대료 page: charges, payments, balances and arrears, deposits, expenses, rent support."""
