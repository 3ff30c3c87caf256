export const admin = {
};
