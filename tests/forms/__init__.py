"""Tests of the fill-in forms and their import (src/xjj_cli/forms/, ``xjj forms``, ``xjj import``)."""
