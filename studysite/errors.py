"""The one error type of the site package: bad input, described in one Chinese line
(file, line where known, reason). Hooks turn it into MkDocs's PluginError; the importer's
command prints it and exits 2."""


class SiteInputError(ValueError):
    pass
