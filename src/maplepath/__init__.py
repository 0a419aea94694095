"""maplepath: every route to Canada open to a tech worker on a given date.

Every number traces to a dated, cited rule in ``maplepath/rules``. An assessment, not legal
advice.
"""

from maplepath.profile import Profile
from maplepath.profile_load import ProfileError, load_profile, read_profile

__all__ = ["Profile", "ProfileError", "load_profile", "read_profile"]
__version__ = "0.1.0"
