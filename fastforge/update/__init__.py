"""`fastforge set` and `fastforge update`: re-render the template, then merge it in 3 ways."""
