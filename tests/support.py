"""Test data shared by several test modules (imported as ``from support import ...``)."""

# A 13-patient case series with no control group and no trial phase (Honmou et al. 2021, abridged).
CASE_SERIES_CITATION = """\
title: "Stem cells in spinal cord injury: 13 case series"
journal: Clinical Neurology and Neurosurgery
published: 2021
status: peer-reviewed
study:
  design: case-series
  phase: null
  randomized: false
  control: none
  subjects: humans
  sample_size: 13
  condition: spinal cord injury
"""

# The same study with fewer facts given (no status, no randomization).
SHORT_CASE_SERIES_CITATION = """\
title: Test paper
journal: Clinical Neurology and Neurosurgery
published: 2021
study:
  design: case-series
  phase: null
  control: none
  subjects: humans
  sample_size: 13
  condition: spinal cord injury
"""
