def staff(request):
    """The signed-in user's staff profile, for the page header."""
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile = getattr(user, "staff", None) if hasattr(user, "staff") else None
    return {"staff_profile": profile}
