"""The rules in force: pack loading and its cache, the site's configuration, selection of
the rules for a path, and the check that every rule matches its own examples."""
