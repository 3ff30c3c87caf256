export const mail = {
};
