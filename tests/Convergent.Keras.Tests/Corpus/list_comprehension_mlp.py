# A deep MLP built with a list comprehension (tf.keras 2 imports).
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.optimizers import Adam

N_FEATURES = 20
HIDDEN = [256, 128, 64]
DROPOUT = .25

model = Sequential(
    [Dense(HIDDEN[0], activation='relu', input_shape=(N_FEATURES,))]
    + [Dense(units, activation='relu') for units in HIDDEN[1:]]
    + [Dropout(DROPOUT)]
    + [Dense(1, activation='sigmoid')]
)
model.compile(optimizer=Adam(learning_rate=1e-3), loss='binary_crossentropy', metrics=['AUC'])
model.fit(X, y, epochs=30, batch_size=256, validation_split=0.15)
