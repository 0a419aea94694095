"""One person's facts: the input model (``model``), loading with clear messages (``load``), and
what the engine derives from them on a date — age, CLB per ability (``language``), experience
per look-back window (``experience``), ECA validity (``facts``) — computed once per profile and
date and shared by the CRS, the programs and the planner (``memo``).
"""

from maplepath.profile.load import LoadedProfile, ProfileError, load_profile, read_profile
from maplepath.profile.model import Profile

__all__ = ["LoadedProfile", "Profile", "ProfileError", "load_profile", "read_profile"]
