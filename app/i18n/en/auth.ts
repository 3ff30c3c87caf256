export const auth = {
};
