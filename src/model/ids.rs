//! Typed indices. After validation every reference is one of these `Copy`
//! newtypes, an index into the matching `Vec` of [`crate::model::Instance`];
//! strings stay at the file boundary.

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in the instance's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the element at position `i`.
            pub fn from_index(i: usize) -> Self {
                Self(u32::try_from(i).expect("fewer than 2^32 elements"))
            }
        }
    };
}

index_type!(
    /// A site (campus).
    SiteId
);
index_type!(
    /// A room, across all sites.
    RoomId
);
index_type!(
    /// A teacher.
    TeacherId
);
index_type!(
    /// A cohort (a node of the cohort tree).
    CohortId
);
index_type!(
    /// A programme.
    ProgrammeId
);
index_type!(
    /// A time grid.
    GridId
);
index_type!(
    /// A teaching unit (UE).
    UeId
);
index_type!(
    /// An activity of a UE, across all UEs.
    ActivityId
);
index_type!(
    /// A placement host organisation.
    HostId
);
index_type!(
    /// A placement requirement (quota, window, caps).
    RequirementId
);
index_type!(
    /// A student with a placement.
    StudentId
);
