"""What a listing's id in a URL opens (disputes.kit.doors): the listing of a case the user's organisation sees."""

from disputes.kit.doors import Door

from .models import BlacklistListing

LISTING = Door(BlacklistListing, "listing_id")
