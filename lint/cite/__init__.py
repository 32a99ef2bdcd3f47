"""``sciencelint cite``: a citation file from an identifier or an exported record.

Parsing records (``pubmed``, ``medline``, ``ris``, ``bibtex``, ``csljson``, ``crossref``,
``arxiv``, ``europepmc``, ``biorxiv``) and inferring the study's facts (``infer``) work on
bytes and need nothing beyond the linter's own dependencies; fetching (``net``, the
``cite`` extra: requests) is imported only when an identifier has to be looked up.
Nothing here is imported by ``sciencelint check``.
"""
