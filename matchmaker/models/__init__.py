"""SQLModel tables; importing this package registers all of them on ``SQLModel.metadata``."""
from matchmaker.models.compliance import Certification, Erasure, SupplyDeclaration
from matchmaker.models.job import Job, JobFile
from matchmaker.models.matching import MatchExclusion, Proposal, ProposalMember, Suggestion
from matchmaker.models.registry import ClaimInvitation, FirmMerge
from matchmaker.models.firm import Contact, DismissedCapability, Firm, FirmCapability
from matchmaker.models.generation import Generation
from matchmaker.models.taxonomy import Capability
from matchmaker.models.user import ApiToken, User, UserCountry, UserFirm

__all__ = [
    "ApiToken", "Capability", "Certification", "ClaimInvitation", "Contact", "DismissedCapability", "Erasure", "Firm",
    "FirmCapability",
    "FirmMerge", "Generation", "Job", "JobFile", "MatchExclusion", "Proposal", "ProposalMember", "Suggestion",
    "SupplyDeclaration", "User", "UserCountry", "UserFirm",
]
