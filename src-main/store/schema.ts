/** `PRAGMA application_id` of an RG Workbench run database: "RGWB" in ASCII. */
export const APPLICATION_ID = 0x52475742;
